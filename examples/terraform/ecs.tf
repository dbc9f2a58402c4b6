# An ECS service's task definition as most teams write it in Terraform.

locals {
  image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:latest"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
    {
      name       = "api"
      image      = local.image
      privileged = false
      portMappings = [
        { containerPort = 8080 },
        { containerPort = 22 },
      ]
      environment = [
        { name = "DB_PASSWORD", value = "hunter2-prod-2024" },
        { name = "AWS_ACCESS_KEY_ID", value = "AKIAIOSFODNN7EXAMPLE" },
      ]
    }
  ])

  volume {
    name = "uploads"
    efs_volume_configuration {
      file_system_id = aws_efs_file_system.uploads.id
    }
  }
}

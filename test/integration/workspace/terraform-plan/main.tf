# the configuration the plan beside it was made from
resource "aws_ecs_task_definition" "agent" {
  family        = "agent"
  task_role_arn = "arn:aws:iam::123456789012:role/agent"
  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "public.ecr.aws/acme/agent:1.4.2"
      privileged = true
    }
  ])
}

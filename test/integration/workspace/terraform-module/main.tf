resource "aws_ecs_task_definition" "worker" {
  family        = "worker"
  task_role_arn = aws_iam_role.worker.arn
  container_definitions = jsonencode([
    {
      name  = "worker"
      image = "public.ecr.aws/acme/worker:2.0.1"
      user  = var.run_as
    }
  ])
}

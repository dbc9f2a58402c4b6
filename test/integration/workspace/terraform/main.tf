resource "aws_ecs_task_definition" "agent" {
  family        = "agent"
  task_role_arn = aws_iam_role.agent.arn
  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "public.ecr.aws/acme/agent:1.4.2"
      privileged = true
    }
  ])
}

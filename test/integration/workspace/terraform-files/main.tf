resource "aws_ecs_task_definition" "app" {
  family                = "app"
  task_role_arn         = "arn:aws:iam::123456789012:role/app-task"
  container_definitions = file("${path.module}/defs/app.json")
}

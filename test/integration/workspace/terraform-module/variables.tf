variable "run_as" {
  type    = string
  default = "root"
}

variable "rotate_t28" {
  type    = bool
  default = true
}

resource "aws_kms_key" "app_t28" {
  description         = "rotation from a variable we cannot see"
  enable_key_rotation = var.rotate_t28
}

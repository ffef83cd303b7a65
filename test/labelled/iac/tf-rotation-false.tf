resource "aws_kms_key" "norot_t27" {
  description              = "symmetric key, rotation off"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = false
}

resource "aws_kms_key" "norot_t26" {
  description = "symmetric key, rotation not set"
}

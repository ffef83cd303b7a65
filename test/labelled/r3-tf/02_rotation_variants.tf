# Symmetric keys with rotation missing, off, on, and from a variable.
variable "rotate_keys" {
  type = bool
}

resource "aws_kms_key" "logs" {
  description             = "log archive key"
  deletion_window_in_days = 14
}

resource "aws_kms_key" "backups" {
  description         = "backup vault key"
  enable_key_rotation = false
}

resource "aws_kms_key" "reports" {
  description             = "report bucket key"
  enable_key_rotation     = true
  rotation_period_in_days = 365
}

resource "aws_kms_key" "from_variable" {
  description         = "rotation decided by the caller of the module"
  enable_key_rotation = var.rotate_keys
}

resource "aws_kms_key" "explicit_symmetric" {
  description              = "explicit symmetric default key"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"
  enable_key_rotation      = false
}

resource "aws_kms_key" "usage_only" {
  description = "key_usage given, spec defaulted"
  key_usage   = "ENCRYPT_DECRYPT"
  is_enabled  = true
}

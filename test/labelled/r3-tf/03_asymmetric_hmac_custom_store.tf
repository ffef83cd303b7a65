# Keys that cannot rotate automatically (asymmetric, HMAC, custom key store, external material)
# next to one symmetric key that forgot rotation.
variable "cloudhsm_key_store_id" {
  type    = string
  default = "cks-1234567890abcdef0"
}

resource "aws_kms_key" "rsa_encrypt" {
  description              = "RSA envelope key"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "ENCRYPT_DECRYPT"
  deletion_window_in_days  = 7
}

resource "aws_kms_key" "ecc_signing" {
  description              = "token signing key"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  enable_key_rotation      = false
}

resource "aws_kms_key" "hmac" {
  description              = "webhook MAC key"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_key" "cloudhsm" {
  description         = "key material in CloudHSM"
  custom_key_store_id = var.cloudhsm_key_store_id
}

resource "aws_kms_external_key" "byok" {
  description             = "imported key material"
  deletion_window_in_days = 7
}

resource "aws_kms_key" "scratch" {
  description             = "scratch symmetric key"
  deletion_window_in_days = 7
}

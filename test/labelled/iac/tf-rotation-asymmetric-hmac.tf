resource "aws_kms_key" "signing_t29" {
  description              = "asymmetric signing key"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "mac_t29" {
  description              = "HMAC key"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

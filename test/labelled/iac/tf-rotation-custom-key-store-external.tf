resource "aws_kms_key" "hsm_t30" {
  description         = "key in a custom key store"
  custom_key_store_id = "cks-1234567890abcdef0"
}

resource "aws_kms_external_key" "imported_t30" {
  description = "EXTERNAL origin (imported key material)"
}

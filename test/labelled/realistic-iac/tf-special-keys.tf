# Keys that are not symmetric AWS_KMS keys: no automatic rotation is possible
# (or it follows the primary), so none of them should be asked to rotate.

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "replica"
  region = "eu-west-1"
}

variable "cloudhsm_key_store_id" {
  type = string
}

variable "imported_key_material_b64" {
  type      = string
  sensitive = true
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "code_signing" {
  description              = "Container image signing (notation)"
  customer_master_key_spec = "RSA_4096"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "wallet" {
  description              = "secp256k1 wallet key"
  customer_master_key_spec = "ECC_SECG_P256K1"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 30
}

resource "aws_kms_key" "api_tokens" {
  description              = "HMAC for API token signatures"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_key" "hsm_backed" {
  description         = "Key material held in our CloudHSM cluster"
  custom_key_store_id = var.cloudhsm_key_store_id
}

resource "aws_kms_external_key" "byok" {
  description             = "Imported key material from on-prem HSM"
  key_material_base64     = var.imported_key_material_b64
  valid_to                = "2030-01-01T00:00:00Z"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "global" {
  description         = "Multi-Region primary for the session store"
  multi_region        = true
  enable_key_rotation = true
}

resource "aws_kms_replica_key" "global_eu" {
  provider                = aws.replica
  description             = "EU replica of the session store key"
  primary_key_arn         = aws_kms_key.global.arn
  deletion_window_in_days = 7

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Enable IAM User Permissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Session service in eu-west-1"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/session-service-eu" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

# Key policy statements with NotAction / NotResource, written with jsonencode.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "media" {
  description         = "media bucket key"
  enable_key_rotation = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "EverythingButDeletionOverTLS"
        Effect    = "Allow"
        Principal = "*"
        NotAction = ["kms:ScheduleKeyDeletion", "kms:Delete*", "kms:Disable*"]
        Resource  = "*"
        Condition = {
          Bool = { "aws:SecureTransport" = "true" }
        }
      },
      {
        Sid       = "NothingFromKms"
        Effect    = "Allow"
        Principal = "*"
        NotAction = "kms:*"
        Resource  = "*"
      },
      {
        Sid         = "OrgEncryptOtherKeysOnly"
        Effect      = "Allow"
        Principal   = { AWS = "*" }
        Action      = "kms:Encrypt"
        NotResource = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        Condition = {
          "ForAnyValue:StringLike" = {
            "aws:PrincipalOrgPaths" = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]
          }
        }
      },
    ]
  })
}

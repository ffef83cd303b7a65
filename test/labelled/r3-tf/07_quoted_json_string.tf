# Policies given as plain quoted JSON strings (one line each).
resource "aws_kms_key" "partner_share" {
  description         = "key shared with everyone by mistake"
  enable_key_rotation = true
  policy              = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"PartnerDecrypt\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"*\"]},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"
}

resource "aws_kms_key" "batch" {
  description         = "batch jobs key"
  enable_key_rotation = true
  policy              = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"BatchRole\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/batch\"},\"Action\":[\"kms:*\"],\"Resource\":\"*\"}]}"
}

resource "aws_kms_key" "ci" {
  description         = "CI artifacts key"
  enable_key_rotation = true
  policy              = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"OrgDecrypt\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}]}"
}

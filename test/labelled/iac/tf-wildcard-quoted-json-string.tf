resource "aws_kms_key" "app_t07" {
  enable_key_rotation = true
  policy              = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"
}

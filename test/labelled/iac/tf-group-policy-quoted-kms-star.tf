resource "aws_iam_group_policy" "ops_t23" {
  name   = "ops-key-admin"
  group  = "ops"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"${aws_kms_key.app_t23.arn}\"}]}"
}

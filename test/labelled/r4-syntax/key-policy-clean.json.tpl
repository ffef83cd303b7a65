{
  "Version": "2012-10-17",
  "Id": "${key_name}-policy",
  "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${account_id}:root"}, "Action": "kms:*", "Resource": "*"},
    {"Sid": "KeyAdmins", "Effect": "Allow", "Principal": {"AWS": ${admin_arns}}, "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*"},
    {"Sid": "KeyUsers", "Effect": "Allow", "Principal": {"AWS": ${jsonencode(user_arns)}}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"},
    {"Sid": "OrgOnly", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "${org_id}"}}}
  ]
}

{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "NamedRoleAnyAccount",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/${role_name}"}
      }
    }
  ]
}

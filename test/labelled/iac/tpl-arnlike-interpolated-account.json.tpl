{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OurCiRoles",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${account_id}:role/ci-*"}
      }
    }
  ]
}

output "ingestion_bucket" {
  value = aws_s3_bucket.this["ingestion"].bucket
}

output "processed_bucket" {
  value = aws_s3_bucket.this["processed"].bucket
}

output "artifact_bucket" {
  value = aws_s3_bucket.this["artifacts"].bucket
}

output "ingestion_bucket_arn" {
  value = "arn:${var.partition}:s3:::${local.zones.ingestion}"
}

output "processed_bucket_arn" {
  value = "arn:${var.partition}:s3:::${local.zones.processed}"
}

output "artifact_key" {
  value = local.artifact_key
}

output "artifact_version" {
  description = "Version of the uploaded artifact (null until `make package` has built it)."
  value       = one(aws_s3_object.artifact[*].version_id)
}

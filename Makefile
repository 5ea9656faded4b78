# Thin wrappers over the Maven wrapper and bin/blackwater, for people who expect `make`.
# Every target finds a JDK >= 21 itself (bin/find-java).

SHELL := /usr/bin/env bash
JAVA_HOME := $(shell bin/find-java)
export JAVA_HOME
MVNW := ./mvnw -B
JAR := blackwater-cli/target/blackwater.jar

.PHONY: help build test demo bench lint format security package clean plan-offline plan deploy destroy tf-init

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## compile and build the runnable jar, without tests
	$(MVNW) package -DskipTests

test: ## the full test suite with every quality gate (the README's test command)
	./mvnw verify

$(JAR):
	$(MVNW) package -DskipTests

demo: $(JAR) ## run the demo on embedded defaults
	bin/blackwater demo

bench: $(JAR) ## each stage's throughput beside the physical limit, at scales 10 and 100 (a few minutes)
	BLACKWATER_JAVA_OPTS=-Xmx256m bin/blackwater bench --scales 10,100

lint: ## formatting check (google-java-format via Spotless)
	$(MVNW) spotless:check

format: ## reformat the code
	$(MVNW) spotless:apply

security: ## SpotBugs with FindSecBugs, failing on high-priority findings
	$(MVNW) -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true verify

# The Lambda artifact carries DuckDB's native library for one CPU architecture: arm64, Terraform's
# default lambda_architecture. For x86_64 functions: make package LAMBDA_ARCH=x86_64 (and set
# lambda_architecture = "x86_64" in terraform/terraform.tfvars).
LAMBDA_ARCH ?= arm64

package: ## build the runnable jar and the Lambda artifact (blackwater-aws/target/blackwater-lambda.jar)
	$(MVNW) package -DskipTests -Dlambda.arch=$(LAMBDA_ARCH)

clean: ## remove build outputs
	$(MVNW) clean

# --- AWS (terraform/, see docs/aws.md) ---
TF := terraform -chdir=terraform
# State stays local (terraform/terraform.tfstate) unless terraform/backend.hcl configures the S3
# backend declared in terraform/backend_override.tf (both git-ignored; see docs/aws.md).
TF_BACKEND = $(if $(wildcard terraform/backend.hcl),-backend-config=backend.hcl)
# terraform init: from an offline provider mirror (the folder holding registry.terraform.io/):
# TF_PLUGIN_DIR when set (make plan-offline TF_PLUGIN_DIR=/opt/terraform-providers), otherwise the
# first such folder found on the machine; with neither, from the registry.
TF_PLUGIN_DIR ?=
tf-init:
	@mirror="$(TF_PLUGIN_DIR)"; \
	if [ -n "$$mirror" ]; then \
	  if [ ! -d "$$mirror/registry.terraform.io" ]; then \
	    echo "TF_PLUGIN_DIR=$$mirror holds no registry.terraform.io/ folder (a provider mirror)" >&2; exit 1; \
	  fi; \
	else \
	  found=$$(find / -type d -name registry.terraform.io -not -path '*/.terraform/*' 2>/dev/null | head -n 1); \
	  if [ -n "$$found" ]; then mirror=$$(dirname "$$found"); fi; \
	fi; \
	if [ -n "$$mirror" ]; then \
	  mirror=$$(cd "$$mirror" && pwd); \
	  echo "terraform init from the provider mirror $$mirror"; \
	  $(TF) init -backend=false -input=false -plugin-dir="$$mirror"; \
	else \
	  $(TF) init -backend=false -input=false; \
	fi

plan-offline: tf-init ## validate and plan terraform/ without AWS (dummy credentials), plan as JSON in terraform/plan.json
	$(TF) validate
	AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy AWS_SESSION_TOKEN= AWS_PROFILE= \
	  AWS_REGION=eu-west-2 AWS_EC2_METADATA_DISABLED=true \
	  $(TF) plan -refresh=false -input=false -lock=false -var-file=offline.tfvars -out=plan.bin
	$(TF) show -json plan.bin > terraform/plan.json
	@echo "wrote terraform/plan.json"

plan: ## plan against the real account (AWS credentials and terraform/terraform.tfvars needed)
	$(TF) init -input=false $(TF_BACKEND)
	$(TF) plan -input=false -out=plan.bin

deploy: package ## build the artifact and apply terraform/ to the real account
	$(TF) init -input=false $(TF_BACKEND)
	$(TF) apply -input=false

destroy: ## remove everything terraform/ created (the buckets must be emptied first, see docs/aws.md)
	$(TF) init -input=false $(TF_BACKEND)
	$(TF) destroy -input=false

data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

locals {
  window = provider::sarvam::next_calling_window(data.sarvam_campaign.reminders.allowed_schedule, plantimestamp())
  # The window contains the plan's time when it has already opened.
  calling_now = timecmp(local.window.opens_at, plantimestamp()) <= 0
}

output "next_calling_window" {
  # For example { opens_at = "2025-03-11T09:30:00+05:30", closes_at = "2025-03-11T18:00:00+05:30" }
  value = local.window
}

# Warn when an apply runs inside the calling window, and say until when.
check "outside_calling_window" {
  assert {
    condition     = !local.calling_now
    error_message = "Campaign ${data.sarvam_campaign.reminders.name} is calling until ${local.window.closes_at}."
  }
}

# Refuse to rotate the caller numbers while the campaign is calling.
resource "terraform_data" "caller_numbers" {
  input = var.caller_numbers

  lifecycle {
    precondition {
      condition     = !local.calling_now
      error_message = "Campaign ${data.sarvam_campaign.reminders.name} is calling until ${local.window.closes_at}; rotate the numbers after that."
    }
  }
}

variable "caller_numbers" {
  type    = list(string)
  default = ["+912250001001", "+912250001002"]
}

# On the day New York clocks go forward, 02:30 does not exist: a window set
# to open then opens at 03:30 EDT.
output "spring_forward" {
  value = provider::sarvam::next_calling_window({
    allowed_start_time = "02:30"
    allowed_end_time   = "04:00"
    allowed_days       = ["Sunday"]
    timezone           = "America/New_York"
  }, "2025-03-09T00:00:00-05:00")
  # { opens_at = "2025-03-09T03:30:00-04:00", closes_at = "2025-03-09T04:00:00-04:00" }
}

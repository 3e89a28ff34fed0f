data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# Whether the schedule's window is open at the plan's time. The function
# reads the schedule only: see calling-now.tf for status, start and end.
output "reminders_window_open" {
  value = provider::sarvam::calling_window_open(data.sarvam_campaign.reminders.allowed_schedule, plantimestamp())
}

# A literal schedule works too: a window from 22:00 to 06:00 belongs to the
# day it opens, so 02:00 on Saturday is inside Friday's window.
output "friday_night_open" {
  value = provider::sarvam::calling_window_open({
    allowed_start_time = "22:00"
    allowed_end_time   = "06:00"
    allowed_days       = ["Friday"]
    timezone           = "Asia/Kolkata"
  }, "2025-03-15T02:00:00+05:30") # true
}

package client

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// campaignWithPhoneNumbers returns body, a campaign, with the caller numbers
// of its first connection replaced by n distinct ones.
func campaignWithPhoneNumbers(body []byte, n int) []byte {
	var c map[string]any
	if err := json.Unmarshal(body, &c); err != nil {
		panic(err)
	}
	numbers := make([]string, n)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+9180%08d", i)
	}
	app, _ := c["app_config"].(map[string]any)
	conns, _ := app["connection_configs"].([]any)
	first, _ := conns[0].(map[string]any)
	first["phone_numbers"] = numbers
	out, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	return out
}

func TestCampaignWithPhoneNumbers(t *testing.T) {
	c, err := decodeCampaign(campaignWithPhoneNumbers(mustSeed(fakeapi.LoanRemindersID), 10000))
	if err != nil {
		t.Fatal(err)
	}
	numbers := c.AppConfig.ConnectionConfigs[0].PhoneNumbers
	if len(numbers) != 10000 || *numbers[0] != "+918000000000" || *numbers[9999] != "+918000009999" {
		t.Fatalf("%d numbers, first %s, last %s", len(numbers), *numbers[0], *numbers[len(numbers)-1])
	}
}

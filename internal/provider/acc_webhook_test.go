package provider

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// A webhook configuration reads back with its id, a URL and timestamps that
// parse, and, when it was found by listing, the name and URL listed.
// Subject: SARVAM_TEST_WEBHOOK_ID, else the first the webhooks list holds.
func TestAccWebhookConfig(t *testing.T) { accWebhookConfig(t, newAccTarget(t)) }

func accWebhookConfig(t *testing.T, tg *accTarget) {
	id, listed := tg.webhookSubject(t)
	if id == "" {
		t.Skipf("no webhook configuration to read: set %s to one in workspace %q, or create one", envTestWebhookID, tg.workspace)
	}
	tg.run(t, resource.TestStep{
		Config: "data \"sarvam_webhook_config\" \"subject\" {\n  webhook_id = " + hcl(id) + "\n}\n",
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			got := st.one("data.sarvam_webhook_config.subject")
			var problems []string
			if str(got, "webhook_id") != id {
				problems = append(problems, fmt.Sprintf("webhook_id is %q, want %q", str(got, "webhook_id"), id))
			}
			if str(got, "url") == "" {
				problems = append(problems, "url is empty; the API documents it as required")
			}
			if listed != nil {
				problems = append(problems, sameFields("sarvam_webhook_config", listed, got, "name", "url")...)
			}
			return append(problems, timestampProblems("sarvam_webhook_config", got, "created_at", "updated_at")...)
		})},
	})
}

// webhookSubject is SARVAM_TEST_WEBHOOK_ID, or else the first item of the
// webhooks list, with that item.
func (tg *accTarget) webhookSubject(t *testing.T) (string, map[string]any) {
	t.Helper()
	if id := os.Getenv(envTestWebhookID); id != "" {
		return id, nil
	}
	a, err := tg.raw.get(context.Background(), "", q("limit", "1"), "webhooks")
	if err != nil {
		t.Fatalf("listing webhook configurations: %v", err)
	}
	if a.status != 200 {
		skipCheck(t, "the webhooks list answered HTTP %d", a.status)
		return "", nil
	}
	if its := a.items(); len(its) > 0 {
		id, _ := its[0]["webhook_id"].(string)
		return id, its[0]
	}
	return "", nil
}

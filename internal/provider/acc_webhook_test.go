package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// A webhook configuration reads back with its id, a URL and timestamps that
// parse, and, when it was found by listing, the name and URL listed.
// Subject: SARVAM_TEST_WEBHOOK_ID, else the first the webhooks list holds.
func TestAccWebhookConfig(t *testing.T) {
	accParallel(t)
	accWebhookConfig(t, newAccTarget(t))
}

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
	if id := tg.getenv(envTestWebhookID); id != "" {
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

// webhookFields are the attributes of a webhook configuration compared
// between its listing and its read; custom_headers, which carry
// credentials, are left out so that no mismatch ever prints them.
var webhookFields = []string{"webhook_id", "name", "url", "created_by", "created_at", "updated_at", "updated_by"}

// Every webhook configuration listed reads back by id with the same fields.
func TestAccWebhookConfigs(t *testing.T) {
	accParallel(t)
	accWebhookConfigs(t, newAccTarget(t))
}

func accWebhookConfigs(t *testing.T, tg *accTarget) {
	tg.run(t, resource.TestStep{
		Config: `
data "sarvam_webhook_configs" "listed" {
  max_results = 20
}
data "sarvam_webhook_config" "each" {
  count      = length(data.sarvam_webhook_configs.listed.ids)
  webhook_id = data.sarvam_webhook_configs.listed.ids[count.index]
}
`,
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			if len(strList(st.one("data.sarvam_webhook_configs.listed"), "ids")) == 0 {
				skipCheck(t, "the workspace lists no webhook configuration; none is read back")
			}
			return st.readBack("data.sarvam_webhook_configs.listed", "webhook_configs", "webhook_id", "data.sarvam_webhook_config.each", false, func(at string, item, got map[string]any) []string {
				return append(sameFields(at, item, got, webhookFields...), timestampProblems(at, got, "created_at", "updated_at")...)
			})
		})},
	})
}

// By name, a webhook configuration resolves to the one of exactly that
// name, or fails with the several-configurations error. Subject: the first
// listed configuration's name.
func TestAccWebhookConfig_byName(t *testing.T) {
	accParallel(t)
	tg := newAccTarget(t)
	list, err := tg.client.ListWebhookConfigs(context.Background(), tg.org, tg.workspace, client.ListQuery{MaxResults: 20})
	if err != nil {
		t.Fatalf("listing webhook configurations: %v", err)
	}
	if len(list.Items) == 0 || list.Items[0].Name == nil {
		t.Skipf("workspace %q lists no webhook configuration with a name; there is nothing to read by name", tg.workspace)
	}
	name := *list.Items[0].Name
	checkByNameOf(t, tg, byName{
		config: "data \"sarvam_webhook_config\" \"by_name\" {\n  name = " + hcl(name) + "\n}\n",
		addr:   "data.sarvam_webhook_config.by_name", idAttr: "webhook_id", kinds: "webhook configurations",
		exact: func() ([]string, bool, error) {
			found, err := tg.client.ListWebhookConfigs(context.Background(), tg.org, tg.workspace, client.ListQuery{Search: name, MaxResults: accSample})
			if err != nil {
				return nil, false, err
			}
			ids := exactIDs(found.Items, name, func(w *client.WebhookConfiguration) (*string, *string) { return w.Name, w.WebhookID })
			return ids, len(found.Items) < accSample, nil
		},
	}, name)
}

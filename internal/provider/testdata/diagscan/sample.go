// Source for TestDiagScan: each way a summary can be built.
package sample

const prefix = "Invalid "

type target struct{ kind string }

func report(diags *diag.Diagnostics, t target, err error) {
	diags.AddError(strings.ToUpper(t.kind[:1])+t.kind[1:]+" not found", "")
	diags.AddWarning("Could not read the "+t.kind, "")
	diags.AddError(err.Error(), "")
}

func setting(diags *diag.Diagnostics, attr string) {
	diags.AddAttributeError(path.Root(attr), prefix+attr, "")
}

func read(diags *diag.Diagnostics) {
	report(diags, target{kind: "campaign"}, nil)
	t := target{kind: "webhook configuration"}
	report(diags, t, nil)
	setting(diags, "org_id")
	setting(diags, "workspace_id")
	for _, name := range []string{"a", "b"} {
		_ = function.NewArgumentFuncError(0, fmt.Sprintf("%s[%d] must not be null", name, 1))
	}
	_ = stringvalidator.OneOf("x")
	_ = stringvalidator.Unheard()
}

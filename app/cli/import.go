package cli

import (
	"fmt"
	"strings"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// importREFI is the verb.
func (c *cli) importREFI(args []string) error {
	fs := newFlags("import")
	var roleSpecs listFlag
	fs.Var(&roleSpecs, "roles", "codes that are roles: CODE=ROLE,...")
	pos, err := parseN(fs, args, 2, "import PROJECT FILE.qdpx|FILE.qdc [--roles CODE=ROLE,...]")
	if err != nil {
		return err
	}
	s, in, err := openWithFile(c, pos[0], pos[1], "", func(path string) (*refiqda.Input, error) {
		roles, err := parseRoles(roleSpecs)
		if err != nil {
			return nil, err
		}
		in, err := session.ReadREFI(path)
		if err != nil {
			return nil, err
		}
		if err := in.SetRoles(roles); err != nil {
			return nil, coding.E(coding.KindInvalid, "import", "--roles", err)
		}
		return in, nil
	})
	if err != nil {
		return err
	}
	defer s.Close()
	report, err := s.ImportREFI(c.ctx, in, func(msg string) { c.warn("import", msg) })
	if err != nil {
		return err
	}
	for _, line := range report.Lines() {
		fmt.Fprintln(c.stdout, line)
	}
	return nil
}

// parseRoles reads `--roles "Barriers=context,Effects=outcome"` (the flag
// may also be given once per code): a code's name, "=", a role as `code
// --role` takes it. A malformed pair or an unknown role is a usage error.
func parseRoles(specs []string) (map[string]coding.Role, error) {
	roles := map[string]coding.Role{}
	for _, spec := range specs {
		for _, pair := range strings.Split(spec, ",") {
			if strings.TrimSpace(pair) == "" {
				continue
			}
			name, role, ok := strings.Cut(pair, "=")
			if name = strings.TrimSpace(name); !ok || name == "" {
				return nil, usagef("--roles: %q is not CODE=ROLE", strings.TrimSpace(pair))
			}
			r, err := coding.ParseRole(role)
			if err != nil {
				return nil, usagef("--roles: %q: unknown role %q (want context, resource, reasoning, outcome or unclassified)", name, strings.TrimSpace(role))
			}
			roles[name] = r
		}
	}
	return roles, nil
}

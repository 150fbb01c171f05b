//go:build windows

package install

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// registerFileType writes the association of windowsAssociation under
// HKEY_CURRENT_USER and tells Explorer that associations changed.
func registerFileType(exe string) error {
	for _, e := range windowsAssociation(exe) {
		k, _, err := registry.CreateKey(registry.CURRENT_USER, e.Key, registry.SET_VALUE)
		if err != nil {
			return fmt.Errorf(`cannot create HKEY_CURRENT_USER\%s: %w`, e.Key, err)
		}
		err = k.SetStringValue(e.Name, e.Value)
		k.Close()
		if err != nil {
			return fmt.Errorf(`cannot write HKEY_CURRENT_USER\%s: %w`, e.Key, err)
		}
	}
	notifyAssocChanged()
	return nil
}

// unregisterFileType removes the values windowsAssociation lists, and
// then each of its keys that is left empty. The extension's key is left
// alone when it names another program by now.
func unregisterFileType() error {
	entries := windowsAssociation("")
	for _, e := range entries {
		k, err := registry.OpenKey(registry.CURRENT_USER, e.Key, registry.QUERY_VALUE|registry.SET_VALUE)
		if errors.Is(err, registry.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf(`cannot open HKEY_CURRENT_USER\%s: %w`, e.Key, err)
		}
		v, _, err := k.GetStringValue(e.Name)
		if err == nil && (e.Key != entries[0].Key || v == e.Value) {
			err = k.DeleteValue(e.Name)
		} else if errors.Is(err, registry.ErrNotExist) {
			err = nil
		}
		k.Close()
		if err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf(`cannot remove a value of HKEY_CURRENT_USER\%s: %w`, e.Key, err)
		}
	}
	for _, key := range windowsKeysToRemove(entries) {
		k, err := registry.OpenKey(registry.CURRENT_USER, key, registry.QUERY_VALUE|registry.ENUMERATE_SUB_KEYS)
		if err != nil {
			continue // gone already
		}
		info, err := k.Stat()
		k.Close()
		if err != nil || info.SubKeyCount > 0 || info.ValueCount > 0 {
			continue // holds something else: keep it
		}
		if err := registry.DeleteKey(registry.CURRENT_USER, key); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf(`cannot remove HKEY_CURRENT_USER\%s: %w`, key, err)
		}
	}
	notifyAssocChanged()
	return nil
}

// notifyAssocChanged calls SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST,
// NULL, NULL) so that Explorer shows the new icon and open command at once.
func notifyAssocChanged() {
	const shcneAssocChanged, shcnfIDList = 0x08000000, 0
	proc := windows.NewLazySystemDLL("shell32.dll").NewProc("SHChangeNotify")
	if proc.Find() == nil {
		proc.Call(shcneAssocChanged, shcnfIDList, 0, 0)
	}
}

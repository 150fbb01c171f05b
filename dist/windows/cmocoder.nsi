; cmocoder's Windows installer, built by `make dist` with makensis:
;   makensis -DVERSION=0.1.0 -DSRC=build/dist/windows -DOUT=…-setup.exe dist/windows/cmocoder.nsi
; SRC holds cmocoder.exe, cmocoder.ico, README.txt and association.nsh
; (written by dist/gen from app/install, the same registry entries as
; `cmocoder install`). It installs for the current user, without
; administrator rights, into %LOCALAPPDATA%\Programs\cmocoder, with a
; Start-menu entry, the .cmoproj association and an uninstaller listed in
; Settings ▸ Apps.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "${SRC}\association.nsh"

!define APPNAME "cmocoder"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\cmocoder"

Name "${APPNAME} ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\cmocoder"
InstallDirRegKey HKCU "Software\cmocoder" "InstallDir"
ShowInstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "cmocoder"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "cmocoder installer"
VIAddVersionKey "LegalCopyright" "The cmocoder authors"

!define MUI_ICON "${SRC}\cmocoder.ico"
!define MUI_UNICON "${SRC}\cmocoder.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\cmocoder.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "cmocoder"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRC}\cmocoder.exe"
  File "${SRC}\cmocoder.ico"
  File "${SRC}\README.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\cmocoder.lnk" "$INSTDIR\cmocoder.exe" "" "$INSTDIR\cmocoder.ico"
  !insertmacro WriteAssociation
  WriteRegStr HKCU "Software\cmocoder" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "cmocoder"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "The cmocoder authors"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\cmocoder.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro RemoveAssociation
  Delete "$SMPROGRAMS\cmocoder.lnk"
  Delete "$INSTDIR\cmocoder.exe"
  Delete "$INSTDIR\cmocoder.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\cmocoder"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

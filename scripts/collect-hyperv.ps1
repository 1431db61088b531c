<#
.SYNOPSIS
  Writes what `lab-planner import-hyperv` reads about this Hyper-V host: one JSON file per cmdlet
  in a folder named after the host (HOST\CMDLET.json), as ConvertTo-Json -Depth 4 writes it, UTF-8.

.DESCRIPTION
  Run it on each host (Windows PowerShell 5.1 or PowerShell 7, as an administrator), copy the
  folders it writes side by side into one folder, add switches\SWITCH.txt with the switches'
  `show mac address-table` and `show lldp neighbors detail` (or `show cdp neighbors detail`)
  output if you have them, then:  lab-planner import-hyperv FOLDER -o estate.lab
  A cmdlet the host does not have (LBFO on a SET-only host, SET before 2016) writes an empty file.

.PARAMETER OutputFolder
  Where the host's folder goes (default: the current folder).
#>
param([string]$OutputFolder = (Get-Location).Path)

$ErrorActionPreference = 'Stop'
$hostFolder = Join-Path $OutputFolder $env:COMPUTERNAME
New-Item -ItemType Directory -Force -Path $hostFolder | Out-Null

$cmdlets = [ordered]@{
  'Get-VMHost'               = { Get-VMHost }
  'Get-NetAdapter'           = { Get-NetAdapter }
  'Get-NetLbfoTeam'          = { Get-NetLbfoTeam }
  'Get-NetLbfoTeamMember'    = { Get-NetLbfoTeamMember }
  'Get-VMSwitch'             = { Get-VMSwitch }
  'Get-VMSwitchTeam'         = { Get-VMSwitch | Where-Object EmbeddedTeamingEnabled | ForEach-Object { Get-VMSwitchTeam -Name $_.Name } }
  'Get-VM'                   = { Get-VM }
  'Get-VMNetworkAdapter'     = { Get-VMNetworkAdapter -VMName * }
  'Get-VMNetworkAdapterVlan' = { Get-VMNetworkAdapterVlan -VMName * }
}

# UTF-8 without a byte-order mark in both versions (5.1's Out-File -Encoding utf8 would add one; the import reads either).
$utf8 = New-Object System.Text.UTF8Encoding($false)
foreach ($name in $cmdlets.Keys) {
  $file = Join-Path $hostFolder "$name.json"
  try {
    $objects = @(& $cmdlets[$name] 2>$null)
  } catch {
    Write-Warning "${name}: $($_.Exception.Message); writing it empty"
    $objects = @()
  }
  $json = if ($objects.Count -eq 0) { '' } else { ConvertTo-Json -InputObject $objects -Depth 4 }
  [System.IO.File]::WriteAllText($file, $json, $utf8)
  Write-Host "$file ($($objects.Count) objects)"
}
Write-Host "Copy $hostFolder next to the other hosts' folders and run: lab-planner import-hyperv FOLDER -o estate.lab"

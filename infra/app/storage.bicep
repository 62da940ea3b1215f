// QL-RF's storage account: AzureWebJobsStorage and the Durable task hub of all three apps, their deployment
// packages, and the tables of the Table Storage stores (src/Store.Tables; each table's keys are documented there).

param name string
param location string
param tags object = {}
param deploymentContainers array

// The tables the Table Storage stores use; the stores also create a missing table on first use.
var tables = [
  'QlrfApprovals'
  'QlrfApprovalLinks'
  'QlrfApiKeys'
  'QlrfRoleBindings'
  'QlrfAudit'
  'QlrfNotifications'
  'QlrfSandboxState'
  'QlrfInventory'
  'QlrfDiscovery'
  'QlrfImages'
  'QlrfImageEvidence'
  'QlrfDrift'
  'QlrfDriftSnapshots'
  'QlrfRollouts'
  'QlrfDrPairs'
  'QlrfDrills'
  'QlrfSandboxDrState'
]

module account '../core/storage/storage-account.bicep' = {
  name: 'storage-account-${name}'
  params: {
    name: name
    location: location
    tags: tags
    containers: deploymentContainers
    tables: tables
  }
}

output name string = account.outputs.name
output blobEndpoint string = account.outputs.blobEndpoint
output tableEndpoint string = account.outputs.tableEndpoint

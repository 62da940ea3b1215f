// QL-RF's storage account: AzureWebJobsStorage and the Durable task hub of all three apps, their deployment
// packages, the tables of the Table Storage stores (src/Store.Tables; each table's keys are documented there) and the
// asset-change queue with its poison queue.

param name string
param location string
param tags object = {}
param deploymentContainers array

@description('The asset-change queue; the Functions Queue trigger moves a message it failed to process maxDequeueCount times (host.json) to <name>-poison.')
param assetChangesQueue string

// The tables the Table Storage stores use (src/Store.Tables/TableNames.cs, with the default prefix Qlrf); the stores
// also create a missing table on first use.
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
  'QlrfCertificates'
  'QlrfSecrets'
  'QlrfAiTasks'
  'QlrfCompliance'
  'QlrfComplianceSnapshots'
]

module account '../core/storage/storage-account.bicep' = {
  name: 'storage-account'
  params: {
    name: name
    location: location
    tags: tags
    containers: deploymentContainers
    tables: tables
    queues: [assetChangesQueue, '${assetChangesQueue}-poison']
  }
}

output name string = account.outputs.name
output blobEndpoint string = account.outputs.blobEndpoint
output queueEndpoint string = account.outputs.queueEndpoint
output tableEndpoint string = account.outputs.tableEndpoint

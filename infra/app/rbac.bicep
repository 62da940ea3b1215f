// Every role assignment of QL-RF: each app's user-assigned identity, and the deploying user, get only the built-in
// roles listed here, each on the one resource it is for. The comments say why each role is there.

param discoveryPrincipalId string
param orchestrationPrincipalId string
param apiPrincipalId string

@description('Object id of the deploying user, or empty for none.')
param deployerPrincipalId string

param storageAccountName string
param keyVaultName string
param appInsightsName string

@description('The Azure OpenAI account, or empty when none is deployed.')
param openAiName string

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  cognitiveServicesOpenAiUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
}

var apps = [discoveryPrincipalId, orchestrationPrincipalId, apiPrincipalId]
var deployer = empty(deployerPrincipalId) ? [] : [deployerPrincipalId]

var storageAssignments = concat(
  // Blob Data Owner, every app: the Functions host keeps its keys, timer schedule status and singleton leases
  // (AzureWebJobsStorage) in blobs, Flex Consumption reads the app's package from its deployment container, and the
  // Durable task hub (orchestration, api) keeps leases and large messages in blobs.
  map(apps, id => { principalId: id, principalType: 'ServicePrincipal', roleId: roles.storageBlobDataOwner }),
  // Queue Data Contributor, every app: the asset-change queue (discovery's Queue trigger receives from asset-changes
  // and moves a message that failed maxDequeueCount times to asset-changes-poison; orchestration and api publish the
  // changes of the sweeps they start; the api reads asset-changes-poison for GET /api/v1/discovery/dead-letters), and
  // the Durable task hub's control and work-item queues (orchestration, api).
  map(apps, id => { principalId: id, principalType: 'ServicePrincipal', roleId: roles.storageQueueDataContributor }),
  // Table Data Contributor, every app: the stores' tables, and the Durable task hub's history and instance tables.
  map(apps, id => { principalId: id, principalType: 'ServicePrincipal', roleId: roles.storageTableDataContributor }),
  // The deploying user may read and fix the stores' tables.
  map(deployer, id => { principalId: id, principalType: 'User', roleId: roles.storageTableDataContributor })
)

var keyVaultAssignments = concat(
  // Secrets User, every app: the apps read the vault's secrets as configuration, and Key Vault references in app
  // settings resolve with the app's identity.
  map(apps, id => { principalId: id, principalType: 'ServicePrincipal', roleId: roles.keyVaultSecretsUser }),
  // Secrets Officer, the deploying user: puts the secrets there (README, Configure after deploy).
  map(deployer, id => { principalId: id, principalType: 'User', roleId: roles.keyVaultSecretsOfficer })
)

// Monitoring Metrics Publisher, every app: Application Insights has local auth off, so telemetry is sent with Entra ID.
var appInsightsAssignments = map(apps, id => { principalId: id, principalType: 'ServicePrincipal', roleId: roles.monitoringMetricsPublisher })

// Cognitive Services OpenAI User, orchestration and api (the apps with the LLM features), only when OpenAI is deployed.
var openAiAssignments = empty(openAiName) ? [] : map([orchestrationPrincipalId, apiPrincipalId], id => { principalId: id, principalType: 'ServicePrincipal', roleId: roles.cognitiveServicesOpenAiUser })

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2026-09-01' existing = if (!empty(openAiName)) {
  name: openAiName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for a in storageAssignments: {
  name: guid(storageAccount.id, a.principalId, a.roleId)
  scope: storageAccount
  properties: {
    principalId: a.principalId
    principalType: a.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
  }
}]

resource keyVaultRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for a in keyVaultAssignments: {
  name: guid(keyVault.id, a.principalId, a.roleId)
  scope: keyVault
  properties: {
    principalId: a.principalId
    principalType: a.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
  }
}]

resource appInsightsRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for a in appInsightsAssignments: {
  name: guid(appInsights.id, a.principalId, a.roleId)
  scope: appInsights
  properties: {
    principalId: a.principalId
    principalType: a.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
  }
}]

resource openAiRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for a in openAiAssignments: {
  name: guid(openAi.id, a.principalId, a.roleId)
  scope: openAi
  properties: {
    principalId: a.principalId
    principalType: a.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
  }
}]

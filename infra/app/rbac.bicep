// Role assignments of one principal (an app's managed identity, or the deployer) on QL-RF's resources, by role key.

param principalId string

@allowed(['ServicePrincipal', 'User'])
param principalType string

@description('Keys of the roles to assign (see roleIds).')
param roles array

param storageAccountName string
param serviceBusName string
param keyVaultName string
param appInsightsName string

@description('The Azure OpenAI account, or empty when none is deployed.')
param openAiName string

// Built-in role definition ids.
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  openAiUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
}

var storageRoles = filter(roles, r => startsWith(r, 'storage'))
var serviceBusRoles = filter(roles, r => startsWith(r, 'serviceBus'))
var keyVaultRoles = filter(roles, r => startsWith(r, 'keyVault'))
var monitoringRoles = filter(roles, r => startsWith(r, 'monitoring'))
var openAiRoles = empty(openAiName) ? [] : filter(roles, r => startsWith(r, 'openAi'))

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = if (!empty(openAiName)) {
  name: empty(openAiName) ? 'none' : openAiName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storageAccount.id, principalId, roleIds[role])
  scope: storageAccount
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
  }
}]

resource serviceBusAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in serviceBusRoles: {
  name: guid(serviceBus.id, principalId, roleIds[role])
  scope: serviceBus
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
  }
}]

resource keyVaultAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in keyVaultRoles: {
  name: guid(keyVault.id, principalId, roleIds[role])
  scope: keyVault
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
  }
}]

resource monitoringAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in monitoringRoles: {
  name: guid(appInsights.id, principalId, roleIds[role])
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
  }
}]

resource openAiAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in openAiRoles: {
  name: guid(openAi.id, principalId, roleIds[role])
  scope: openAi
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
  }
}]

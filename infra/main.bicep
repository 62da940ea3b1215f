targetScope = 'subscription'

// QL-RF on Azure: three Functions apps (Discovery, Orchestration, Api) on one Flex Consumption plan, sharing one
// Durable task hub; Table Storage for state, a Service Bus queue of asset changes, Key Vault for secrets, Log
// Analytics and Application Insights; every app signs in with its own user-assigned managed identity.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the resource token and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the person deploying (azd sets it): they may manage Key Vault secrets and read the tables. Empty for none.')
param principalId string = ''

@description('The organisation used where a request names none (Qlrf:Tenancy:DefaultOrganisation).')
param defaultOrganisation string = 'acme'

@description('OIDC issuer for sign-in with tokens, e.g. https://login.microsoftonline.com/{tenant}/v2.0. Empty: API keys only.')
param jwtAuthority string = ''

@description('Audience of those tokens (the Entra app registration\'s application id URI or client id).')
param jwtAudience string = ''

@description('Deploy an Azure OpenAI account (with a gpt-4o-mini deployment) for the LLM features.')
param deployOpenAi bool = false

@description('Deliveries of an asset-change message before Service Bus dead-letters it.')
@minValue(1)
@maxValue(100)
param assetChangesMaxDeliveryCount int = 5

@description('NCRONTAB of the sweep tick: every source whose own schedule fell since the last tick sweeps.')
param sweepSchedule string = '0 * * * * *'

@description('NCRONTAB of the daily drift snapshot.')
param driftSnapshotSchedule string = '0 5 0 * * *'

@description('NCRONTAB of notification delivery (every 15 s keeps the idle timers within the monthly free executions).')
param notificationSchedule string = '*/15 * * * * *'

@description('NCRONTAB of the drill scheduler tick: starts the scheduled DR drills that are due.')
param drillSchedule string = '0 * * * * *'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var taskHubName = 'qlrf${resourceToken}'
var assetChangesQueue = 'asset-changes'
var apps = [
  { service: 'discovery', name: '${abbrs.webSitesFunctions}discovery-${resourceToken}' }
  { service: 'orchestration', name: '${abbrs.webSitesFunctions}orchestration-${resourceToken}' }
  { service: 'api', name: '${abbrs.webSitesFunctions}api-${resourceToken}' }
]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identities 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = [for app in apps: {
  name: 'identity-${app.service}'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${app.service}-${resourceToken}'
    location: location
    tags: tags
  }
}]

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainers: [for app in apps: 'app-package-${app.service}']
  }
}

module serviceBus 'br/public:avm/res/service-bus/namespace:0.10.1' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    skuObject: { name: 'Basic' }
    disableLocalAuth: true
    zoneRedundant: false
    queues: [
      {
        name: assetChangesQueue
        requiresSession: false
        maxDeliveryCount: assetChangesMaxDeliveryCount
        lockDuration: 'PT5M'
        deadLetteringOnMessageExpiration: true
        defaultMessageTimeToLive: 'P14D'
      }
    ]
  }
}

module keyVault 'br/public:avm/res/key-vault/vault:0.11.0' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: false
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'loganalytics'
  scope: rg
  params: {
    name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'appinsights'
  scope: rg
  params: {
    name: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
  }
}

module openAi 'br/public:avm/res/cognitive-services/account:0.10.2' = if (deployOpenAi) {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesAccounts}${resourceToken}'
    location: location
    tags: tags
    kind: 'OpenAI'
    sku: 'S0'
    customSubDomainName: '${abbrs.cognitiveServicesAccounts}${resourceToken}'
    disableLocalAuth: true
    deployments: [
      {
        name: 'gpt-4o-mini'
        model: { format: 'OpenAI', name: 'gpt-4o-mini', version: '2024-07-18' }
        sku: { name: 'GlobalStandard', capacity: 10 }
      }
    ]
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    sku: { name: 'FC1', tier: 'FlexConsumption' }
    reserved: true
  }
}

module settings 'app/settings.bicep' = {
  name: 'settings'
  params: {
    storageAccountName: storage.outputs.name
    tableEndpoint: storage.outputs.tableEndpoint
    serviceBusNamespace: '${serviceBus.outputs.name}.servicebus.windows.net'
    assetChangesQueue: assetChangesQueue
    keyVaultEndpoint: keyVault.outputs.uri
    appInsightsConnectionString: appInsights.outputs.connectionString
    taskHubName: taskHubName
    defaultOrganisation: defaultOrganisation
    jwtAuthority: jwtAuthority
    jwtAudience: jwtAudience
    openAiEndpoint: deployOpenAi ? openAi!.outputs.endpoint : ''
    sweepSchedule: sweepSchedule
    driftSnapshotSchedule: driftSnapshotSchedule
    notificationSchedule: notificationSchedule
    drillSchedule: drillSchedule
  }
}

module functionApps 'app/function-app.bicep' = [for (app, i) in apps: {
  name: 'app-${app.service}'
  scope: rg
  params: {
    name: app.name
    serviceName: app.service
    location: location
    tags: tags
    planId: plan.outputs.resourceId
    identityId: identities[i].outputs.resourceId
    identityClientId: identities[i].outputs.clientId
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}app-package-${app.service}'
    appSettings: settings.outputs.appSettings[app.service]
  }
}]

module rbac 'app/rbac.bicep' = [for (app, i) in apps: {
  name: 'rbac-${app.service}'
  scope: rg
  params: {
    principalId: identities[i].outputs.principalId
    principalType: 'ServicePrincipal'
    roles: settings.outputs.roles[app.service]
    storageAccountName: storage.outputs.name
    serviceBusName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: appInsights.outputs.name
    openAiName: deployOpenAi ? openAi!.outputs.name : ''
  }
}]

module deployerRbac 'app/rbac.bicep' = if (!empty(principalId)) {
  name: 'rbac-deployer'
  scope: rg
  params: {
    principalId: principalId
    principalType: 'User'
    roles: settings.outputs.roles.deployer
    storageAccountName: storage.outputs.name
    serviceBusName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: appInsights.outputs.name
    openAiName: ''
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = '${serviceBus.outputs.name}.servicebus.windows.net'
output AZURE_SERVICEBUS_QUEUE_NAME string = assetChangesQueue
output APPLICATIONINSIGHTS_CONNECTION_STRING string = appInsights.outputs.connectionString
output AZURE_OPENAI_ENDPOINT string = deployOpenAi ? openAi!.outputs.endpoint : ''
output TASKHUB_NAME string = taskHubName
output SERVICE_DISCOVERY_NAME string = functionApps[0].outputs.name
output SERVICE_ORCHESTRATION_NAME string = functionApps[1].outputs.name
output SERVICE_API_NAME string = functionApps[2].outputs.name
output SERVICE_API_URI string = functionApps[2].outputs.uri

targetScope = 'subscription'

// QL-RF on Azure: three Functions apps (discovery, orchestration, api) on one Flex Consumption plan, sharing one
// Durable task hub; Table Storage for state and a Storage queue of asset changes (with its poison queue as the
// dead-letter list), Key Vault for secrets, Log Analytics and Application Insights; every app signs in with its own
// user-assigned managed identity, and nothing accepts a key (storage shared keys and monitoring local auth are off).
// Local modules only, plain resource declarations: `bicep build` and `bicep lint` need no registry.

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

@description('NCRONTAB of the sweep tick: every source whose own schedule fell since the last tick sweeps.')
param sweepSchedule string = '0 * * * * *'

@description('NCRONTAB of the daily drift snapshot.')
param driftSnapshotSchedule string = '0 5 0 * * *'

@description('NCRONTAB of the daily compliance snapshot (every organisation re-evaluated in full first).')
param complianceSnapshotSchedule string = '0 30 0 * * *'

@description('NCRONTAB of notification delivery (every 15 s keeps the idle timers within the monthly free executions).')
param notificationSchedule string = '*/15 * * * * *'

@description('NCRONTAB of the drill scheduler tick: starts the scheduled DR drills that are due.')
param drillSchedule string = '0 * * * * *'

@description('Region of the Control Tower\'s Static Web App (a region Static Web Apps runs in).')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('NCRONTAB of the certificate sweep tick: sweeps each certificate source whose own schedule is due.')
param certificateSweepSchedule string = '0 * * * * *'

@description('NCRONTAB of the secret sweep tick (QLRF_SECRET_SWEEP_SCHEDULE): sweeps each secret source, metadata only, whose own schedule is due. Named so the linter does not take it for a secret.')
param credentialSweepSchedule string = '0 * * * * *'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var taskHubName = 'qlrf${resourceToken}'
var assetChangesQueue = 'asset-changes'
// The azure.yaml services, in this order everywhere below.
var services = ['discovery', 'orchestration', 'api']
// Names known before deployment, so the role assignments' scopes are too (What-If can predict them).
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var appInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var openAiName = '${abbrs.cognitiveServicesAccounts}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identities 'core/security/user-assigned-identity.bicep' = [for service in services: {
  name: 'identity-${service}'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${service}-${resourceToken}'
    location: location
    tags: tags
  }
}]

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainers: [for service in services: 'app-package-${service}']
    assetChangesQueue: assetChangesQueue
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    appInsightsName: appInsightsName
    location: location
    tags: tags
  }
}

module openAi 'core/ai/openai.bicep' = if (deployOpenAi) {
  name: 'openai'
  scope: rg
  params: {
    name: openAiName
    location: location
    tags: tags
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module settings 'app/settings.bicep' = [for (service, i) in services: {
  name: 'settings-${service}'
  scope: rg
  params: {
    service: service
    clientId: identities[i].outputs.clientId
    storageAccountName: storage.outputs.name
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    assetChangesQueue: assetChangesQueue
    keyVaultEndpoint: keyVault.outputs.uri
    appInsightsConnectionString: monitoring.outputs.connectionString
    taskHubName: taskHubName
    defaultOrganisation: defaultOrganisation
    jwtAuthority: jwtAuthority
    jwtAudience: jwtAudience
    openAiEndpoint: deployOpenAi ? openAi!.outputs.endpoint : ''
    sweepSchedule: sweepSchedule
    driftSnapshotSchedule: driftSnapshotSchedule
    complianceSnapshotSchedule: complianceSnapshotSchedule
    notificationSchedule: notificationSchedule
    drillSchedule: drillSchedule
    certificateSweepSchedule: certificateSweepSchedule
    credentialSweepSchedule: credentialSweepSchedule
  }
}]

module functionApps 'core/host/functions-flex.bicep' = [for (service, i) in services: {
  name: 'app-${service}'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}${service}-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': service })
    planId: plan.outputs.resourceId
    identityId: identities[i].outputs.resourceId
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}app-package-${service}'
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    appSettings: settings[i].outputs.appSettings
  }
}]

// The Control Tower, at one origin with the API: Static Web Apps proxies /api/* to the api app (functionApps[2]).
module controlTower 'core/host/static-web-app.bicep' = {
  name: 'control-tower'
  scope: rg
  params: {
    name: '${abbrs.webStaticSites}${resourceToken}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
    backendResourceId: functionApps[2].outputs.resourceId
    backendLocation: location
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    discoveryPrincipalId: identities[0].outputs.principalId
    orchestrationPrincipalId: identities[1].outputs.principalId
    apiPrincipalId: identities[2].outputs.principalId
    deployerPrincipalId: principalId
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    appInsightsName: appInsightsName
    openAiName: deployOpenAi ? openAiName : ''
  }
  dependsOn: [storage, keyVault, monitoring, openAi]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output QLRF_ASSET_CHANGES_QUEUE string = assetChangesQueue
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output AZURE_OPENAI_ENDPOINT string = deployOpenAi ? openAi!.outputs.endpoint : ''
output TASKHUB_NAME string = taskHubName
output SERVICE_DISCOVERY_NAME string = functionApps[0].outputs.name
output SERVICE_ORCHESTRATION_NAME string = functionApps[1].outputs.name
output SERVICE_API_NAME string = functionApps[2].outputs.name
output SERVICE_API_URI string = functionApps[2].outputs.uri
output SERVICE_WEB_NAME string = controlTower.outputs.name
output SERVICE_WEB_URI string = controlTower.outputs.uri

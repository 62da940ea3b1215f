targetScope = 'subscription'

// The app settings of each Functions app, and the roles each app's identity needs: one place that names every
// setting the apps read at start-up (a test in tests/Qlrf.UnitTests checks the code binds nothing missing here
// that has no documented default).

param storageAccountName string
param tableEndpoint string
param serviceBusNamespace string
param assetChangesQueue string
param keyVaultEndpoint string
param appInsightsConnectionString string
param taskHubName string
param defaultOrganisation string
param jwtAuthority string
param jwtAudience string
param openAiEndpoint string
param sweepSchedule string
param driftSnapshotSchedule string
param notificationSchedule string
param drillSchedule string

// Every app: the host's storage and the shared task hub through the managed identity (AZURE_CLIENT_ID is filled
// in per app by function-app.bicep), Key Vault as configuration, telemetry, the tables and the tenancy default.
var common = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  TASKHUB_NAME: taskHubName
  AZURE_KEY_VAULT_ENDPOINT: keyVaultEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  Qlrf__Tables__Endpoint: tableEndpoint
  Qlrf__Tenancy__DefaultOrganisation: defaultOrganisation
}

// The asset-change queue, through the identity; the Discovery trigger binds it and the publishers send to it.
var serviceBus = {
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
  ServiceBusConnection__credential: 'managedidentity'
  QLRF_ASSET_CHANGES_QUEUE: assetChangesQueue
}

var identity = empty(jwtAuthority) ? {} : {
  Qlrf__Identity__Jwt__Authority: jwtAuthority
  Qlrf__Identity__Jwt__Audience: jwtAudience
}

var openAi = empty(openAiEndpoint) ? {} : { AZURE_OPENAI_ENDPOINT: openAiEndpoint }

output appSettings object = {
  discovery: union(common, serviceBus, {
    QLRF_SWEEP_SCHEDULE: sweepSchedule
    QLRF_DRIFT_SNAPSHOT_SCHEDULE: driftSnapshotSchedule
  })
  orchestration: union(common, serviceBus, openAi, {
    QLRF_NOTIFICATION_SCHEDULE: notificationSchedule
    QLRF_DR_SCHEDULE: drillSchedule
  })
  api: union(common, serviceBus, identity, openAi)
}

// Least privilege per app. Blob Data Owner, Queue and Table Data Contributor on the account are what the Functions
// host (AzureWebJobsStorage, timer leases) and Durable Functions' Azure Storage provider need; tables also hold our
// stores. Service Bus: Discovery receives (trigger) and sends (sweeps publish changes); Api sends (sweeps it starts)
// and receives (it peeks dead letters); Orchestration sends (the sweeps a rollout starts after its changes). Every app reads Key Vault secrets
// and publishes telemetry (App Insights has local auth off).
var storageRoles = ['storageBlobDataOwner', 'storageQueueDataContributor', 'storageTableDataContributor']
output roles object = {
  discovery: concat(storageRoles, ['serviceBusDataSender', 'serviceBusDataReceiver', 'keyVaultSecretsUser', 'monitoringMetricsPublisher'])
  orchestration: concat(storageRoles, ['serviceBusDataSender', 'keyVaultSecretsUser', 'monitoringMetricsPublisher', 'openAiUser'])
  api: concat(storageRoles, ['serviceBusDataSender', 'serviceBusDataReceiver', 'keyVaultSecretsUser', 'monitoringMetricsPublisher', 'openAiUser'])
  deployer: ['keyVaultSecretsOfficer', 'storageTableDataContributor']
}

// The app settings of one Functions app: one place that names every setting the apps read at start-up (a test in
// tests/Qlrf.UnitTests checks, on the compiled template, that the code binds nothing missing here that has no
// documented default). Every connection is identity-based, through the app's user-assigned identity: no setting
// holds a key, a password or a connection string with a secret.

@allowed(['discovery', 'orchestration', 'api'])
@description('The app (azure.yaml service) these settings are for.')
param service string

@description('Client id of the app\'s user-assigned identity.')
param clientId string

param storageAccountName string
param queueEndpoint string
param tableEndpoint string
@description('The blob endpoint: evidence packs are kept in its evidence-packs container (orchestration writes them, api serves them).')
param blobEndpoint string
param assetChangesQueue string
param keyVaultEndpoint string
param appInsightsConnectionString string
param taskHubName string
param defaultOrganisation string
param jwtAuthority string
param jwtAudience string
param openAiEndpoint string
@description('The Azure OpenAI deployment the copilot plans with.')
param openAiDeployment string = 'gpt-4o-mini'
param sweepSchedule string
param driftSnapshotSchedule string
param complianceSnapshotSchedule string
param notificationSchedule string
param drillSchedule string
param certificateSweepSchedule string
param credentialSweepSchedule string

// Every app: its identity (AZURE_CLIENT_ID, read by the code's credential), the host's storage and the shared task
// hub, the asset-change queue (discovery's Queue trigger binds the connection AssetChangesQueue; every app publishes
// through the same settings, and the api reads its poison queue), Key Vault as configuration, telemetry (App Insights
// accepts Entra ID only), the tables and the tenancy default.
var common = {
  AZURE_CLIENT_ID: clientId
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: clientId
  TASKHUB_NAME: taskHubName
  AssetChangesQueue__queueServiceUri: queueEndpoint
  AssetChangesQueue__credential: 'managedidentity'
  AssetChangesQueue__clientId: clientId
  QLRF_ASSET_CHANGES_QUEUE: assetChangesQueue
  AZURE_KEY_VAULT_ENDPOINT: keyVaultEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${clientId};Authorization=AAD'
  Qlrf__Tables__Endpoint: tableEndpoint
  Qlrf__Tenancy__DefaultOrganisation: defaultOrganisation
  // The compliance frameworks each app package carries (compliance/*.yaml beside the app).
  Qlrf__Compliance__Directory: 'compliance'
}

var jwt = empty(jwtAuthority) ? {} : {
  Qlrf__Identity__Jwt__Authority: jwtAuthority
  Qlrf__Identity__Jwt__Audience: jwtAudience
}

var openAi = empty(openAiEndpoint) ? {} : { AZURE_OPENAI_ENDPOINT: openAiEndpoint }

// The copilot's planner on the deployed model, signed in with the app's managed identity (no key).
var aiModel = empty(openAiEndpoint) ? {} : {
  Qlrf__Ai__Model__Provider: 'azure'
  Qlrf__Ai__Model__Endpoint: openAiEndpoint
  Qlrf__Ai__Model__Model: openAiDeployment
}

// Evidence packs, built by orchestration and listed, downloaded and verified by api, as blobs (Blob Data Owner already).
var evidencePacks = { Qlrf__Compliance__EvidencePacks__Blobs__Endpoint: blobEndpoint }

// What only some apps read: the timers each binds, sign-in with tokens (api), the LLM endpoint and evidence packs.
var perService = {
  discovery: {
    QLRF_SWEEP_SCHEDULE: sweepSchedule
    QLRF_DRIFT_SNAPSHOT_SCHEDULE: driftSnapshotSchedule
    QLRF_COMPLIANCE_SNAPSHOT_SCHEDULE: complianceSnapshotSchedule
  }
  orchestration: union(openAi, evidencePacks, {
    QLRF_NOTIFICATION_SCHEDULE: notificationSchedule
    QLRF_DR_SCHEDULE: drillSchedule
    QLRF_CERTIFICATE_SWEEP_SCHEDULE: certificateSweepSchedule
    QLRF_SECRET_SWEEP_SCHEDULE: credentialSweepSchedule
  })
  api: union(jwt, openAi, aiModel, evidencePacks)
}

output appSettings object = union(common, perService[service])

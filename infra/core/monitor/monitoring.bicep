// Log Analytics and a workspace-based Application Insights, both with local (key) authentication off: telemetry is
// accepted only from Entra ID identities holding Monitoring Metrics Publisher.

param logAnalyticsName string
param appInsightsName string
param location string
param tags object = {}

@description('Days logs are kept.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: { disableLocalAuth: true }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output connectionString string = appInsights.properties.ConnectionString

// An Azure OpenAI account with one model deployment, reached with Entra ID only (local auth off).

param name string
param location string
param tags object = {}

@description('The model deployed (its deployment has the same name).')
param modelName string = 'gpt-4o-mini'
param modelVersion string = '2024-07-18'

@description('Thousands of tokens a minute the deployment may use.')
param capacity int = 10

resource account 'Microsoft.CognitiveServices/accounts@2026-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2026-09-01' = {
  parent: account
  name: modelName
  sku: { name: 'GlobalStandard', capacity: capacity }
  properties: {
    model: { format: 'OpenAI', name: modelName, version: modelVersion }
  }
}

output endpoint string = account.properties.endpoint

// The Control Tower (ui/control-tower) as a Static Web App on the Standard plan, with the api Functions app linked
// as its backend: the browser reaches the UI and /api/* at one origin, Static Web Apps proxying /api/* (the whole
// path) to the api app, which keeps its own managed identity for everything it calls.

param name string
param location string
param tags object = {}

@description('Resource id of the Functions app serving /api/*.')
param backendResourceId string

@description('Region of that Functions app.')
param backendLocation string

resource site 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // azd deploys the built bundle (azure.yaml, service web); no repository is linked.
    provider: 'None'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostname}'

// One QL-RF Functions app on the shared Flex Consumption plan, tagged for azd, signed in as its own identity.

param name string

@description('The azure.yaml service this app deploys (the azd-service-name tag).')
param serviceName string

param location string
param tags object = {}
param planId string
param identityId string
param identityClientId string

@description('The blob container (URL) its deployment package goes to.')
param deploymentContainerUrl string

@description('App settings beside the identity ones added here.')
param appSettings object

module site '../core/host/functions-flex.bicep' = {
  name: 'functions-${serviceName}'
  params: {
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    planId: planId
    identityId: identityId
    deploymentContainerUrl: deploymentContainerUrl
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    appSettings: union(appSettings, {
      AZURE_CLIENT_ID: identityClientId
      AzureWebJobsStorage__clientId: identityClientId
      ServiceBusConnection__clientId: identityClientId
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    })
  }
}

output name string = site.outputs.name
output uri string = site.outputs.uri

// A Linux Functions app on a Flex Consumption plan: deployment package in a blob container reached with a
// user-assigned identity, on-demand scaling, no always-ready instances (it costs nothing while no function runs).

param name string
param location string
param tags object = {}
param planId string
param identityId string
param deploymentContainerUrl string
param runtimeName string
param runtimeVersion string
param appSettings object

@description('Memory per instance, in MB (512, 2048 or 4096).')
param instanceMemoryMB int = 2048

@description('The most instances it scales out to.')
param maximumInstanceCount int = 40

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: 'site-${name}'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: tags
    serverFarmResourceId: planId
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [identityId]
    }
    // App settings that are Key Vault references (@Microsoft.KeyVault(...)) resolve with the same identity.
    keyVaultAccessIdentityResourceId: identityId
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    appSettingsKeyValuePairs: appSettings
  }
}

output name string = site.outputs.name
output uri string = 'https://${site.outputs.defaultHostname}'

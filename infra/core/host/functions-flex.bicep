// A Linux Functions app on a Flex Consumption plan: its deployment package in a blob container reached with its
// user-assigned identity, on-demand scaling, no always-ready instances (it costs nothing while no function runs),
// and its app settings as given (no other settings are added here).

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

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    // App settings that are Key Vault references (@Microsoft.KeyVault(...)) resolve with the same identity.
    keyVaultReferenceIdentity: identityId
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
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// No publishing with user names and passwords (FTP, SCM basic auth): azd deploys with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
output resourceId string = site.id

// A storage account reached only with Entra ID (shared keys off): blob containers and tables created up front.

param name string
param location string
param tags object = {}

@description('Blob containers to create (Flex Consumption deployment packages).')
param containers array = []

@description('Tables to create.')
param tables array = []

module account 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage-account'
  params: {
    name: name
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: 'Standard_LRS'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
    blobServices: { containers: [for c in containers: { name: c }] }
    tableServices: { tables: [for t in tables: { name: t }] }
  }
}

output name string = account.outputs.name
output resourceId string = account.outputs.resourceId
output blobEndpoint string = 'https://${name}.blob.${environment().suffixes.storage}/'
output tableEndpoint string = 'https://${name}.table.${environment().suffixes.storage}/'

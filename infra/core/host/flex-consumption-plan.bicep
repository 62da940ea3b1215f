// A Linux Flex Consumption plan: on-demand instances, billed per execution and GB-second, nothing while idle.

param name string
param location string
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

output resourceId string = plan.id

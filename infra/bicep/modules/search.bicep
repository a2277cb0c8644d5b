// Azure AI Search for the knowledge index: Entra authentication only (no admin or query keys), private endpoint only.

param name string
param location string
param tags object
param workspaceId string
param privateEndpointSubnetId string
param privateDnsZoneId string

@allowed([
  'basic'
  'standard'
  'standard2'
  'standard3'
])
param sku string

@minValue(1)
@maxValue(12)
param replicaCount int

@description('Principal id of the bot identity, which creates the index and reads and writes its documents.')
param botPrincipalId string

@description('Resource id of the bot identity: names its role assignments (known before deployment, unlike the principal id).')
param botIdentityId string

// Search Index Data Contributor: read and write documents of every index of the service.
var searchIndexDataContributorRoleId = '8ebe5a00-799e-43f5-93ac-243d3dce84a7'
// Search Service Contributor: create and update index definitions (a control-plane role, scoped to this service only).
var searchServiceContributorRoleId = '7ca78c08-252a-4471-8644-bb5ff32d4ba0'

resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    replicaCount: replicaCount
    partitionCount: 1
    hostingMode: 'Default'
    disableLocalAuth: true
    publicNetworkAccess: 'disabled'
    networkRuleSet: {
      bypass: 'None'
      ipRules: []
    }
  }
}

resource indexDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(search.id, botIdentityId, searchIndexDataContributorRoleId)
  scope: search
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', searchIndexDataContributorRoleId)
    principalId: botPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource serviceContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(search.id, botIdentityId, searchServiceContributorRoleId)
  scope: search
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', searchServiceContributorRoleId)
    principalId: botPrincipalId
    principalType: 'ServicePrincipal'
  }
}

module endpoint 'privateEndpoint.bicep' = {
  name: '${deployment().name}-pe'
  params: {
    name: 'pe-${name}'
    location: location
    tags: tags
    subnetId: privateEndpointSubnetId
    serviceId: search.id
    groupId: 'searchService'
    privateDnsZoneId: privateDnsZoneId
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: search
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = search.name
output endpoint string = 'https://${search.name}.search.windows.net'

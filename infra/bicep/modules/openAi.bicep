// Azure OpenAI with a chat and an embeddings deployment: Entra authentication only, private endpoint only.

import { modelDeployment } from 'types.bicep'

param name string
param location string

@description('Region of the private endpoint: the network\'s region.')
param endpointLocation string
param tags object
param workspaceId string
param privateEndpointSubnetId string
param privateDnsZoneId string

@description('Principal id of the bot identity, which calls the deployments.')
param botPrincipalId string

@description('Resource id of the bot identity: names its role assignments (known before deployment, unlike the principal id).')
param botIdentityId string

@description('The chat model deployment: its name is what the bot asks for (AI__ChatDeployment).')
param chat modelDeployment

@description('The embeddings model deployment (AI__EmbeddingDeployment).')
param embeddings modelDeployment


// Cognitive Services OpenAI User: call deployments (inference), no management of the account or its keys.
var openAiUserRoleId = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
    }
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
  }
}

resource chatDeployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = {
  parent: account
  name: chat.name
  sku: {
    name: chat.sku
    capacity: chat.capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: chat.model
      version: chat.version
    }
    versionUpgradeOption: 'NoAutoUpgrade'
  }
}

// One deployment at a time: the account rejects parallel deployment changes.
resource embeddingsDeployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = {
  parent: account
  name: embeddings.name
  dependsOn: [
    chatDeployment
  ]
  sku: {
    name: embeddings.sku
    capacity: embeddings.capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: embeddings.model
      version: embeddings.version
    }
    versionUpgradeOption: 'NoAutoUpgrade'
  }
}

resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, botIdentityId, openAiUserRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRoleId)
    principalId: botPrincipalId
    principalType: 'ServicePrincipal'
  }
}

module endpoint 'privateEndpoint.bicep' = {
  name: '${deployment().name}-pe'
  params: {
    name: 'pe-${name}'
    location: endpointLocation
    tags: tags
    subnetId: privateEndpointSubnetId
    serviceId: account.id
    groupId: 'account'
    privateDnsZoneId: privateDnsZoneId
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
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

output name string = account.name
output endpoint string = account.properties.endpoint
output chatDeploymentName string = chatDeployment.name
output embeddingsDeploymentName string = embeddingsDeployment.name

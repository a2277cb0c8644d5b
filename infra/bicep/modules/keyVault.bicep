// Key Vault for the deployment's secrets: RBAC only, soft delete with purge protection, no public network access.

param name string
param location string
param tags object
param workspaceId string
param privateEndpointSubnetId string
param privateDnsZoneId string

@description('Principal id of the bot identity, which reads secrets (Key Vault references in app settings).')
param botPrincipalId string

@description('Resource id of the bot identity: names its role assignments (known before deployment, unlike the principal id).')
param botIdentityId string

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Store the bot\'s asker-hash key as a secret (PostgreSQL: shared by every instance); false: the bot makes its own key on SQLite.')
param storeAskerHashKey bool

@description('Key of the bot\'s keyed asker hash; used only with storeAskerHashKey.')
@secure()
param askerHashKey string

// Key Vault Secrets User: read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, botIdentityId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: botPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource askerHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (storeAskerHashKey) {
  parent: vault
  name: 'asker-hash-key'
  properties: {
    contentType: 'text/plain; HMAC-SHA256 key of the asker hash'
    value: askerHashKey
  }
}

module endpoint 'privateEndpoint.bicep' = {
  name: '${deployment().name}-pe'
  params: {
    name: 'pe-${name}'
    location: location
    tags: tags
    subnetId: privateEndpointSubnetId
    serviceId: vault.id
    groupId: 'vault'
    privateDnsZoneId: privateDnsZoneId
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
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

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
@description('Key Vault secret URI of the asker-hash key (the URI, not the value); empty when it is not stored.')
output askerHashKeySecretUri string = storeAskerHashKey ? askerHashKeySecret!.properties.secretUri : ''

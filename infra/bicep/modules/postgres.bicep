// Azure Database for PostgreSQL flexible server for the bot's store when several instances run: inside the network
// (no public access), TLS 1.2+ required, Entra authentication with the bot identity as an Entra admin. The password
// connection string is written to Key Vault only; nothing returns it.

param name string
param location string
param tags object
param workspaceId string
param delegatedSubnetId string
param privateDnsZoneId string

@description('PostgreSQL major version.')
param version string

param skuName string

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@minValue(32)
param storageSizeGB int

@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param highAvailability string

@minValue(7)
@maxValue(35)
param backupRetentionDays int

param geoRedundantBackup bool

param databaseName string

param administratorLogin string

@secure()
param administratorPassword string

@description('The bot identity, made an Entra administrator of the server (for passwordless sign-in).')
param botIdentity botIdentitySettings

type botIdentitySettings = {
  name: string
  principalId: string
  tenantId: string
}

@description('Key Vault that receives the connection string as a secret.')
param keyVaultName string

param connectionStringSecretName string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: botIdentity.tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: highAvailability
    }
    network: {
      publicNetworkAccess: 'Disabled'
      delegatedSubnetResourceId: delegatedSubnetId
      privateDnsZoneArmResourceId: privateDnsZoneId
    }
  }
}

resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = {
  parent: server
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

// Server parameters are changed one at a time.
resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = {
  parent: server
  name: 'ssl_min_protocol_version'
  dependsOn: [
    requireTls
  ]
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  dependsOn: [
    minimumTls
  ]
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2025-08-01' = {
  parent: server
  name: botIdentity.principalId
  dependsOn: [
    database
  ]
  properties: {
    principalType: 'ServicePrincipal'
    principalName: botIdentity.name
    tenantId: botIdentity.tenantId
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

// Npgsql connection string; VerifyFull checks the server certificate and host name.
resource connectionString 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: connectionStringSecretName
  properties: {
    contentType: 'text/plain; Npgsql connection string'
    value: 'Host=${server.properties.fullyQualifiedDomainName};Database=${database.name};Username=${administratorLogin};Password=${administratorPassword};Ssl Mode=VerifyFull'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
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

output name string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
@description('Key Vault secret URI of the connection string (the URI, not the value), for a Key Vault reference.')
output connectionStringSecretUri string = connectionString.properties.secretUri

// The private network: the web app sends all outbound traffic into it, and Key Vault, Azure AI Search, Azure OpenAI
// and PostgreSQL are reachable only from inside it (private endpoints, or VNet injection for PostgreSQL).

param name string
param location string
param tags object

@description('Address space of the virtual network; the three subnets are carved out of its first /24s.')
param addressPrefix string

@description('Name of the PostgreSQL flexible server, for its private DNS zone.')
param postgresServerName string

var subnetNames = {
  app: 'snet-app'
  postgres: 'snet-postgres'
  privateEndpoints: 'snet-private-endpoints'
}

// Private DNS zones of the private-link services (public cloud names; see README for sovereign clouds).
// Order matters: the outputs below index into it.
var privateLinkZones = [
  'privatelink.vaultcore.azure.net'
  'privatelink.search.windows.net'
  'privatelink.openai.azure.com'
]

resource nsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: 'nsg-${name}'
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: subnetNames.app
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'web'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: subnetNames.postgres
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'postgres'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
      {
        name: subnetNames.privateEndpoints
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 2)
          networkSecurityGroup: {
            id: nsg.id
          }
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in privateLinkZones: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource postgresZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${postgresServerName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in privateLinkZones: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource postgresZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresZone
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, subnetNames.app)
output postgresSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, subnetNames.postgres)
output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, subnetNames.privateEndpoints)
output keyVaultZoneId string = zones[0].id
output searchZoneId string = zones[1].id
output openAiZoneId string = zones[2].id
output postgresZoneId string = postgresZone.id

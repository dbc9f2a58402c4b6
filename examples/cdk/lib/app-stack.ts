import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });

    const repository = new ecr.Repository(this, 'WebRepository', {
      repositoryName: 'bulkhead/web',
    });

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'WebTask', {
      cpu: 512,
      memoryLimitMiB: 1024,
    });

    taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.4.2'),
      privileged: true,
      environment: {
        APP_ENV: 'production',
        DB_PASSWORD: 's3cr3t-Pa55word!',
      },
      portMappings: [{ containerPort: 8080 }],
    });

    new ecs.FargateService(this, 'WebService', {
      cluster,
      taskDefinition,
      assignPublicIp: true,
    });

    new eks.Cluster(this, 'Eks', {
      version: eks.KubernetesVersion.V1_31,
      vpc,
    });
  }
}

import { trajectoryDiagram } from './src/trajectory/trajectory-diagram.js';
import { trajectoryMachine } from './src/trajectory/trajectory.machine.js';
console.log(trajectoryDiagram(trajectoryMachine));
